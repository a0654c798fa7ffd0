import { createApp } from 'vue';
import 'sitegate/components';
import App from './App.vue';

createApp(App).mount('#app');
